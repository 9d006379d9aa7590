"""Seed data for the Counterpoint forum, drawn from a report on Milipol 2023 in Paris."""

TAGS: list[tuple[str, str, str]] = [
    (
        "privacy",
        "Privacy",
        "Personal data, anonymity and the ability to go about daily life without being tracked.",
    ),
    (
        "surveillance",
        "Surveillance",
        "Monitoring of people, places and communications by public authorities or private bodies.",
    ),
    (
        "facial-recognition",
        "Facial recognition",
        "Automated identification or verification of people from images of their faces.",
    ),
    (
        "drones",
        "Drones",
        "Uncrewed aircraft used for observation, mapping, delivery or emergency response.",
    ),
    (
        "ai",
        "AI",
        "Machine learning and other automated analysis or decision systems used in security.",
    ),
    (
        "robotics",
        "Robotics",
        "Remote-controlled and autonomous machines, from bomb-disposal robots to vehicles.",
    ),
    (
        "cybersecurity",
        "Cybersecurity",
        "Protection of systems and data, and the tools used to attack or investigate them.",
    ),
    (
        "ethics",
        "Ethics",
        "Questions of right and wrong in how security technology is designed, sold and used.",
    ),
    (
        "law-enforcement",
        "Law enforcement",
        "Policing, criminal investigations and the legal powers and oversight that govern them.",
    ),
    (
        "milipol-2023",
        "Milipol 2023",
        "Topics drawn from the Milipol 2023 homeland-security trade show held in Paris.",
    ),
    (
        "encryption",
        "Encryption",
        "Cryptography protecting communications and stored data, and debates over access to it.",
    ),
    (
        "public-safety",
        "Public safety",
        "Emergency response, crowd safety and the protection of people at events and in disasters.",
    ),
]

ACCOUNTS: list[dict[str, str]] = [
    {
        "username": "mira_okafor",
        "role": "member",
        "bio": (
            "Researches the social impact of surveillance technology for a digital-rights group. "
            "More interested in how safeguards work in practice than on paper."
        ),
        "affiliation": "civil_society",
        "organisation": "Civil liberties researcher",
    },
    {
        "username": "lt_renaud",
        "role": "member",
        "bio": (
            "Long career in public-order policing, now planning operations for large events. "
            "Posting in a personal capacity, not for my force."
        ),
        "affiliation": "government",
        "organisation": "Police operations officer",
    },
    {
        "username": "kbauer_eng",
        "role": "member",
        "bio": (
            "Builds video analytics and sensor-fusion systems for the security industry. Happy "
            "to explain what the technology can and cannot do."
        ),
        "affiliation": "industry",
        "organisation": "Security-industry engineer",
    },
    {
        "username": "anaya_privlaw",
        "role": "member",
        "bio": (
            "Advises public bodies and non-profits on data-protection and surveillance law. "
            "Views are my own and not legal advice."
        ),
        "affiliation": "individual",
        "organisation": "Privacy and data-protection lawyer",
    },
    {
        "username": "tfisher_press",
        "role": "member",
        "bio": (
            "Freelance technology reporter. Walked the Milipol 2023 halls in Paris and wrote up "
            "what was on show."
        ),
        "affiliation": "press",
        "organisation": "Journalist, attended Milipol 2023",
    },
    {
        "username": "dr_ines_vale",
        "role": "moderator",
        "bio": (
            "Teaches the applied ethics of technology. Moderating Counterpoint: steelman the "
            "other side first, rebut second."
        ),
        "affiliation": "academia",
        "organisation": "Technology ethicist",
    },
    {
        "username": "jo_marsh_ops",
        "role": "member",
        "bio": (
            "Coordinates regional disaster response. Cares about what actually works at three in "
            "the morning in a flood."
        ),
        "affiliation": "government",
        "organisation": "Emergency management coordinator",
    },
]

# Bodies of deeply nested replies live here so the nested literals below stay
# within the line-length limit. The digits give the reply's path in its thread.
_FACE_1111 = (
    "Fair point on memory, and I'd accept it as a hard requirement: non-matches discarded "
    "immediately, ideally on the camera itself, with no face templates kept for anyone who isn't "
    "on the list.\n\n"
    "That is a design choice, not a law of nature. If the system *provably* keeps nothing about "
    "people who aren't on the watchlist, does your objection still stand?"
)

_FACE_11111 = (
    "Partly. 'Provably' is doing a lot of work in that sentence. Who verifies it: the vendor, "
    "the force, or an independent body with access to the code and the logs?\n\n"
    "And deletion rules are only as strong as the next emergency. After a serious attack, the "
    "first request will be:\n\n"
    "> Can we run yesterday's footage against the new list?\n\n"
    "If the capability exists, the answer will be yes."
)

_FACE_111111 = (
    "I won't pretend that pressure doesn't exist; I've sat in those rooms. But that argument "
    "proves too much. The same 'next emergency' logic applies to CCTV retention, phone records, "
    "almost everything we hold.\n\n"
    "We manage those with retention limits and judicial sign-off, imperfectly but genuinely. Why "
    "is face matching categorically different, rather than one more power to regulate carefully?"
)

_FACE_1111111 = (
    "Because a face is a permanent identifier you can't leave at home. You can switch off a "
    "phone; you can't switch off your face. That is why European data-protection law treats "
    "biometric data as a special category.\n\n"
    "It is also why the EU AI Act singles out *real-time* remote biometric identification in "
    "publicly accessible spaces and prohibits it for law enforcement outside a short list of "
    "exceptions. Lawmakers have already decided it is different in kind."
)

_FACE_11111111 = (
    "Then maybe that's our common ground. The exceptions in that law, such as searching for an "
    "abduction victim, preventing an imminent attack or locating a suspect in a serious crime, "
    "are roughly the cases I'd want it for anyway.\n\n"
    "If deployment stays inside that list, with prior authorisation and published figures on "
    "every use, I can live with it. Where we still disagree, I think, is whether the list will "
    "stay short."
)

_DRONE_1111 = (
    "That fits the direction French law has taken. After early police drone flights were "
    "challenged before the courts and the [CNIL](https://www.cnil.fr), the legislature adopted a "
    "dedicated framework with authorisation and purpose limits.\n\n"
    "Whatever you think of the result, the lesson is that drones need their own rules rather "
    "than a stretch of general CCTV powers. Your independent-flagging idea would sit naturally "
    "inside that kind of framework."
)

_VIDEO_1111 = (
    "That's a fair catch, and it's solvable: keep counts and outcome categories, and drop the "
    "links to individual clips after a short review window. I'd happily write that into a "
    "specification.\n\n"
    "The harder part, as usual, is getting buyers to ask for it in the first place."
)

_AUTO_1111 = (
    "What Mira describes is purpose limitation, which data-protection law already requires in "
    "principle. The gap is enforcement: regulators rarely look at operational logs from field "
    "equipment.\n\n"
    "A simple improvement would be for every autonomous deployment to produce a short purpose "
    "statement and a retention note at the time, which a regulator can audit later. Cheap to do, "
    "and hard to fudge after the fact."
)

_ROBOT_1111 = (
    "Fair. I'll concede that the benefits I care most about don't need an armed platform.\n\n"
    "I'm less sure about the extreme hostage case, but I accept that designing policy around the "
    "rarest scenario is exactly how bright lines get worn down. Put me down as a reluctant "
    "supporter."
)

_CRYPTO_1111 = (
    "From an investigator's chair: notification after the case closes is fine. But point 3 cuts "
    "both ways. If every vulnerability must be disclosed quickly, targeted access becomes close "
    "to impossible, and the political pressure for backdoors comes straight back.\n\n"
    "You can't insist on targeted access as the alternative *and* make it unworkable."
)

_CRYPTO_11111 = (
    "There is a real tension, but 'disclose quickly' isn't the only option. A time-limited hold "
    "with mandatory periodic review, where the default is disclosure, is a reasonable "
    "compromise.\n\n"
    "The worst outcome is a stockpile nobody reviews. That is how tools leak and end up being "
    "used against hospitals and other civilian targets."
)

THREADS: list[dict[str, object]] = [
    {
        "title": "Should police use live facial recognition in public spaces?",
        "author": "tfisher_press",
        "tags": [
            "facial-recognition",
            "surveillance",
            "law-enforcement",
            "privacy",
            "milipol-2023",
        ],
        "body": (
            "**Motion:** Police should be allowed to run live facial recognition on cameras in "
            "public spaces, under strict legal limits.\n\n"
            "At Milipol 2023 in Paris, facial recognition powered by AI algorithms was one of "
            "the most prominent technologies on the floor, pitched for identifying and tracking "
            "individuals in real time. The demos were polished, and the ethics arguments in the "
            "aisles were just as lively.\n\n"
            "- **For:** it could find missing people, wanted suspects or a known threat in a "
            "crowd far faster than human spotters, and tight rules (short watchlists, prior "
            "authorisation, time limits) could keep it narrow.\n"
            "- **Against:** it treats every passer-by as a data subject, its errors may not fall "
            "evenly across groups, and once the cameras and software are installed the limits "
            "tend to erode.\n\n"
            "**What would change your mind?** Which specific safeguard, or which specific "
            "failure, would move you from one side to the other?"
        ),
        "replies": [
            {
                "author": "mira_okafor",
                "stance": "challenge",
                "body": (
                    "I'm against the motion, and not because I think the technology never works. "
                    "The problem is structural:\n\n"
                    "- A live system has to scan *everyone* in view to find the few people on a "
                    "watchlist.\n"
                    "- People change their behaviour when they know they can be identified: they "
                    "skip protests, clinics, places of worship.\n"
                    "- Watchlists grow. Nobody ever campaigns for a smaller one.\n\n"
                    "That chilling effect is a real harm even if no one is ever wrongly arrested."
                ),
                "replies": [
                    {
                        "author": "lt_renaud",
                        "stance": "challenge",
                        "body": (
                            "The chilling-effect point deserves a serious answer, but compare it "
                            "with what happens today. Officers already stand at stations holding "
                            "photos of wanted people and scanning faces. That is also 'everyone "
                            "in view'.\n\n"
                            "Software that flags a *possible* match for a human to check is "
                            "arguably less intrusive than a dozen officers stopping people on a "
                            "hunch. Isn't the real question what happens after the flag, rather "
                            "than the flag itself?"
                        ),
                        "replies": [
                            {
                                "author": "mira_okafor",
                                "stance": "challenge",
                                "body": (
                                    "The difference is scale and memory. An officer holding a "
                                    "photo forgets the thousands of faces that were not a match. "
                                    "A system can log every face it processed, with time and "
                                    "place, unless the law forbids it and someone actually "
                                    "audits that.\n\n"
                                    "And a human spotter covers one entrance; software can cover "
                                    "every camera in a city at once. Same principle on paper, "
                                    "very different power in practice."
                                ),
                                "replies": [
                                    {
                                        "author": "lt_renaud",
                                        "stance": "support",
                                        "body": _FACE_1111,
                                        "replies": [
                                            {
                                                "author": "mira_okafor",
                                                "stance": "challenge",
                                                "body": _FACE_11111,
                                                "replies": [
                                                    {
                                                        "author": "lt_renaud",
                                                        "stance": "challenge",
                                                        "body": _FACE_111111,
                                                        "replies": [
                                                            {
                                                                "author": "mira_okafor",
                                                                "stance": "challenge",
                                                                "body": _FACE_1111111,
                                                                "replies": [
                                                                    {
                                                                        "author": "lt_renaud",
                                                                        "stance": "support",
                                                                        "body": _FACE_11111111,
                                                                        "replies": [],
                                                                    },
                                                                ],
                                                            },
                                                        ],
                                                    },
                                                ],
                                            },
                                        ],
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "kbauer_eng",
                "stance": "support",
                "body": (
                    "I lean towards the motion, but with a condition from the engineering side. "
                    "Accuracy depends heavily on things a demo booth never shows:\n\n"
                    "- lighting, camera height and angle;\n"
                    "- crowd density and partial occlusion;\n"
                    "- image resolution and compression on real networks.\n\n"
                    "A cooperative subject at two metres under trade-show lights is not a rainy "
                    "station concourse. I'd want *independent field testing at each site* before "
                    "go-live, with error rates published and broken down by demographic group."
                ),
                "replies": [],
            },
            {
                "author": "dr_ines_vale",
                "stance": None,
                "body": (
                    "**Moderator note:** This is exactly the kind of steelmanning we hope for. "
                    "Two questions nobody has tackled yet:\n\n"
                    "1. Who decides what goes on a watchlist, and should people be told "
                    "afterwards that they were on one?\n"
                    "2. Is a time-limited pilot a genuine experiment, or does it mainly "
                    "normalise the infrastructure?\n\n"
                    "Please keep replies focused on arguments rather than on each other's "
                    "professions."
                ),
                "replies": [],
            },
        ],
    },
    {
        "title": (
            "Surveillance drones over crowds and protests: proportionate tool or chilling presence?"
        ),
        "author": "mira_okafor",
        "tags": ["drones", "surveillance", "public-safety", "privacy", "milipol-2023"],
        "body": (
            "**Motion:** Police should be permitted to fly camera drones over large crowds, "
            "including demonstrations, when the flight is authorised in advance.\n\n"
            "Drones equipped with sophisticated surveillance capabilities were literally "
            "hovering over the exhibition halls at Milipol 2023, presented as the latest advance "
            "in aerial security. For public-order units, a drone offers a wide view of crowd "
            "density, crush risks and emerging trouble without putting a helicopter in the "
            "air.\n\n"
            "Supporters say aerial oversight can prevent crushes, speed up medical response and "
            "give commanders better information than officers on the ground, which might even "
            "reduce heavy-handed interventions.\n\n"
            "Opponents say a camera overhead at a protest signals *we are recording you*, deters "
            "lawful assembly, and produces footage that can be combined with other tools to "
            "identify participants long after the event.\n\n"
            "**What would change your mind?** Would clear limits on how the footage is used "
            "afterwards be enough, or is the presence of the drone itself the problem?"
        ),
        "replies": [
            {
                "author": "lt_renaud",
                "stance": "support",
                "body": (
                    "From the command side: the most dangerous moments at big gatherings are "
                    "often not violence but density. A bottleneck at an exit or a surge near a "
                    "stage shows up from above minutes before anyone on the ground can see "
                    "it.\n\n"
                    "I'd support a rule that separates *crowd-safety* flights (wide view, no "
                    "zooming in on individuals) from *investigative* flights, with the second "
                    "needing a higher level of authorisation."
                ),
                "replies": [
                    {
                        "author": "mira_okafor",
                        "stance": "challenge",
                        "body": (
                            "I like the distinction, but how would anyone outside the force know "
                            "which mode a drone is in? From the street, a drone is a drone. If "
                            "the safety mode is real, make it verifiable:\n\n"
                            "- log every flight, its altitude and camera settings;\n"
                            "- publish those logs after the event;\n"
                            "- delete crowd-safety footage within a short, fixed window unless a "
                            "specific incident is flagged."
                        ),
                        "replies": [
                            {
                                "author": "lt_renaud",
                                "stance": "support",
                                "body": (
                                    "Publishing logs after the event is workable; disclosing "
                                    "live positions is not, for obvious reasons. A short "
                                    "deletion window is also fine for pure crowd-safety "
                                    "footage.\n\n"
                                    "The detail I'd add is *who* flags an incident. It should be "
                                    "a supervisor outside the unit that flew the drone, not the "
                                    "pilot or the commander who wants the footage."
                                ),
                                "replies": [
                                    {
                                        "author": "anaya_privlaw",
                                        "stance": "support",
                                        "body": _DRONE_1111,
                                        "replies": [],
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "tfisher_press",
                "stance": None,
                "body": (
                    "A reporting note rather than a position. At the show, the drone "
                    "demonstrations I watched focused on image quality, zoom and endurance. "
                    "Accountability features such as access controls or tamper-evident logs got "
                    "far less attention, and when I asked about them the answers were vague.\n\n"
                    "That proves nothing on its own, but it suggests buyers are not yet asking "
                    "for those features loudly enough."
                ),
                "replies": [
                    {
                        "author": "kbauer_eng",
                        "stance": "support",
                        "body": (
                            "That matches my experience from the supply side. We build what "
                            "procurement specifications ask for. If tenders required "
                            "tamper-evident flight logs, role-based access and automatic "
                            "deletion, serious vendors would ship them within a product "
                            "cycle.\n\n"
                            "Civil-society groups would probably get further by lobbying "
                            "procurement offices than by arguing with engineers."
                        ),
                        "replies": [],
                    },
                ],
            },
            {
                "author": "dr_ines_vale",
                "stance": "challenge",
                "body": (
                    "Let me push on the motion from a different angle: *advance* authorisation. "
                    "Protests are often called at short notice, and situations can escalate "
                    "within minutes.\n\n"
                    "If authorisation must come in advance, commanders will seek broad standing "
                    "approvals 'just in case', which hollows out the safeguard. Is there a "
                    "version of this rule that works for spontaneous events without becoming a "
                    "blank cheque?"
                ),
                "replies": [
                    {
                        "author": "lt_renaud",
                        "stance": "support",
                        "body": (
                            "Honest answer: urgent authorisation on the spot by a senior "
                            "officer, followed by independent review within a day or two, with a "
                            "written justification that can be challenged. Many urgent powers "
                            "already work that way.\n\n"
                            "Standing approvals should be ruled out entirely. They are exactly "
                            "the blank cheque you describe."
                        ),
                        "replies": [],
                    },
                ],
            },
            {
                "author": "jo_marsh_ops",
                "stance": None,
                "body": (
                    "A plea from the emergency-management side: whatever rules come out of this, "
                    "please don't accidentally ground the drones we use for search and rescue, "
                    "flood mapping and fire assessment.\n\n"
                    "Those flights sometimes pass over crowds too, for example at an evacuation "
                    "point. A clear carve-out for *emergency response* purposes, kept separate "
                    "from public-order use, would avoid a lot of confusion on the day."
                ),
                "replies": [],
            },
        ],
    },
    {
        "title": (
            "AI video analytics at major events: smarter safety or mass surveillance by default?"
        ),
        "author": "kbauer_eng",
        "tags": ["ai", "surveillance", "public-safety", "privacy", "milipol-2023"],
        "body": (
            "**Motion:** Automated video analytics that flag unusual situations, such as "
            "abandoned bags, crowd surges or people in restricted areas, should be standard at "
            "major public events.\n\n"
            "Artificial intelligence ran through almost every category at Milipol 2023, from "
            "cameras to command-and-control software. Beyond facial recognition, much of it was "
            "behavioural analytics: software that watches live feeds and raises alerts for human "
            "operators. France's legal framework for the Paris 2024 Olympics authorised an "
            "*experimental* use of this kind of algorithmic video surveillance while excluding "
            "facial recognition, so this is not hypothetical.\n\n"
            "- **For:** operators cannot watch hundreds of screens, and software that surfaces "
            "the few feeds worth a look could catch real dangers earlier.\n"
            "- **Against:** defining 'abnormal' behaviour encodes assumptions about who looks "
            "suspicious, alerts can be opaque, and temporary experiments have a habit of "
            "becoming permanent.\n\n"
            "**What would change your mind?** Evidence, audits, sunset clauses: what would it "
            "take?"
        ),
        "replies": [
            {
                "author": "anaya_privlaw",
                "stance": "challenge",
                "body": (
                    "I'm sceptical of the motion as worded, mainly because of the word "
                    "*standard*. The Olympics experiment is a useful test case precisely because "
                    "it had an end date.\n\n"
                    "My worry is the pattern: an exceptional event justifies new tooling, the "
                    "tooling is bought, and then the argument becomes 'we already have it, why "
                    "switch it off?'. I'd accept analytics at events only if the sunset is real, "
                    "meaning the legal basis lapses automatically and renewal requires a fresh "
                    "debate with published evaluation results."
                ),
                "replies": [
                    {
                        "author": "kbauer_eng",
                        "stance": "support",
                        "body": (
                            "Fair, 'standard' was a deliberately strong word. One practical "
                            "point in support of your condition: an honest evaluation needs the "
                            "system to record its alerts and what operators did with them, "
                            "meaning true positives, false alarms and ignored alerts.\n\n"
                            "Without that, nobody can say whether it helped. Ironically, proper "
                            "evaluation requires *more* record-keeping, though about the system "
                            "rather than about people."
                        ),
                        "replies": [
                            {
                                "author": "mira_okafor",
                                "stance": "challenge",
                                "body": (
                                    "Records about the system are fine, but be careful. An alert "
                                    "log entry like 'person loitering, camera 14, 15:02' *is* a "
                                    "record about a person once it is joined with the "
                                    "footage.\n\n"
                                    "Evaluation data should be aggregated, and the underlying "
                                    "clips deleted on a short schedule. Otherwise the audit "
                                    "trail quietly becomes a new surveillance archive."
                                ),
                                "replies": [
                                    {
                                        "author": "kbauer_eng",
                                        "stance": "support",
                                        "body": _VIDEO_1111,
                                        "replies": [],
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "lt_renaud",
                "stance": "support",
                "body": (
                    "At a big event the control room is the bottleneck. I've seen operators with "
                    "far more screens than eyes. Even a modest tool that says *look at camera "
                    "14, an exit is filling up* is valuable.\n\n"
                    "I'd limit it to clearly safety-related categories:\n\n"
                    "- crowd density and flow;\n"
                    "- unattended objects;\n"
                    "- intrusion into closed areas.\n\n"
                    "I'd keep 'suspicious behaviour' detection out altogether, because that is "
                    "where bias creeps in."
                ),
                "replies": [
                    {
                        "author": "dr_ines_vale",
                        "stance": "challenge",
                        "body": (
                            "Helpful distinction, but is the line that clean? Categories like "
                            "'loitering' or 'moving against the crowd' sit awkwardly between "
                            "safety and suspicion. Someone running against the flow might be "
                            "fleeing danger or looking for a lost child.\n\n"
                            "Who decides which categories are in scope, and should that list be "
                            "public?"
                        ),
                        "replies": [
                            {
                                "author": "lt_renaud",
                                "stance": "support",
                                "body": (
                                    "It should be public, yes: the categories, though not the "
                                    "camera locations. And you're right that running is "
                                    "ambiguous.\n\n"
                                    "That is an argument for treating every alert as a prompt "
                                    "for a human to *look*, never as a trigger for intervention "
                                    "on its own. I'd write that into the operating rules "
                                    "explicitly."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
            },
        ],
    },
    {
        "title": (
            "Autonomous vehicles in disaster response and policing: same technology, different "
            "rules?"
        ),
        "author": "jo_marsh_ops",
        "tags": ["robotics", "ai", "law-enforcement", "public-safety", "milipol-2023"],
        "body": (
            "**Motion:** Autonomous ground and aerial vehicles should be deployed for disaster "
            "response, but kept out of routine law enforcement.\n\n"
            "Milipol 2023 showcased autonomous vehicles fitted with advanced sensors and "
            "communication systems, demonstrated for both disaster response and policing. In my "
            "line of work the appeal is obvious: a vehicle that can map a collapsed building, "
            "carry supplies through floodwater or restore a radio link without risking a "
            "crew.\n\n"
            "The motion draws a line. Supporters argue that disaster zones are about saving "
            "lives in places people have mostly left, while autonomous patrols would move "
            "through ordinary streets collecting data on everyone. Opponents argue the line is "
            "artificial: the sensors that find survivors could also find a missing child or a "
            "fleeing armed suspect, and banning them from policing could cost lives too.\n\n"
            "**What would change your mind?** Is there a policing use you would accept, or a "
            "disaster use you would refuse?"
        ),
        "replies": [
            {
                "author": "lt_renaud",
                "stance": "challenge",
                "body": (
                    "I'd challenge the clean split. A lot of police work *is* disaster response: "
                    "evacuations, searches for missing people, cordons around chemical "
                    "spills.\n\n"
                    "If the vehicle is allowed into the flood but not into the search for a "
                    "missing walker on the same hillside the next day, the line is in the wrong "
                    "place. Better to regulate by **task** than by **agency**."
                ),
                "replies": [
                    {
                        "author": "jo_marsh_ops",
                        "stance": "support",
                        "body": (
                            "That is a strong point, and possibly the best version of the case "
                            "against my motion. Regulating by task would mean listing permitted "
                            "tasks, such as search, mapping, logistics and communications relay, "
                            "and excluding things like routine patrol or crowd monitoring, "
                            "whoever operates the vehicle.\n\n"
                            "I could support that, provided the list can't quietly grow."
                        ),
                        "replies": [
                            {
                                "author": "mira_okafor",
                                "stance": "challenge",
                                "body": (
                                    "Task lists rarely grow by amendment; they grow by "
                                    "redefinition. 'Search for a missing person' becomes 'search "
                                    "for a person of interest', which becomes 'monitor an area "
                                    "where persons of interest may be'.\n\n"
                                    "If we go task-based, each task needs a narrow legal "
                                    "definition, and sensor data collected for one task "
                                    "shouldn't be reusable for another without fresh "
                                    "authorisation."
                                ),
                                "replies": [
                                    {
                                        "author": "anaya_privlaw",
                                        "stance": "support",
                                        "body": _AUTO_1111,
                                        "replies": [],
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "kbauer_eng",
                "stance": None,
                "body": (
                    "A technical footnote: 'autonomous' covers a huge range. Most of what is "
                    "realistic in the near term is *supervised* autonomy, where a remote "
                    "operator sets goals and can take over at any moment.\n\n"
                    "Fully unsupervised operation in cluttered, changing environments like a "
                    "disaster zone is still hard. The rules should say which level of autonomy "
                    "is allowed for which task, rather than treating 'autonomous' as a single "
                    "thing."
                ),
                "replies": [],
            },
            {
                "author": "dr_ines_vale",
                "stance": None,
                "body": (
                    "**Moderator summary so far**, for anyone arriving late:\n\n"
                    "- **Lines by agency** (disaster response versus police) are easy to state "
                    "but leak at the edges.\n"
                    "- **Lines by task** fit the work better but need tight definitions and "
                    "purpose limits.\n"
                    "- **Levels of autonomy** matter as much as who operates the vehicle.\n\n"
                    "Has anyone seen a good model for *who* should sign off on adding a new task "
                    "category?"
                ),
                "replies": [],
            },
        ],
    },
    {
        "title": "Bomb-disposal robots are uncontroversial. Where is the line on robots and force?",
        "author": "lt_renaud",
        "tags": ["robotics", "ethics", "law-enforcement", "public-safety", "milipol-2023"],
        "body": (
            "**Motion:** Police robots should be limited to observation, handling and disposal "
            "tasks, and never be used to deliver force against a person.\n\n"
            "Robotic systems for bomb disposal and hazardous-material handling drew big crowds "
            "at Milipol 2023, and for good reason. Nobody I know in the job objects to sending a "
            "machine instead of a technician to open a suspicious package.\n\n"
            "The harder question is what else these platforms may do. Supporters of the motion "
            "say a bright line is the only stable one: once a remote machine can use force, it "
            "will be used more often and further from accountability. Opponents point to rare "
            "standoffs where a robot delivering a less-lethal tool, or even ending a lethal "
            "threat, could save hostages and officers, and ask why the delivery method should "
            "matter more than the decision itself.\n\n"
            "**What would change your mind?** Is there any scenario in which you would accept a "
            "robot delivering force?"
        ),
        "replies": [
            {
                "author": "dr_ines_vale",
                "stance": "support",
                "body": (
                    "Speaking as a participant rather than a moderator here: I lean towards the "
                    "motion. The ethical issue isn't that robots are scarier than firearms; it "
                    "is *distance*.\n\n"
                    "Force used from behind a screen changes the decision: less personal risk, "
                    "less sensory information, and more pressure from the people watching the "
                    "feed. Those conditions tend to make force easier to use, not harder. A "
                    "bright line is crude, but crude lines hold."
                ),
                "replies": [
                    {
                        "author": "lt_renaud",
                        "stance": "challenge",
                        "body": (
                            "I'd question that. Distance can also *reduce* force. An officer who "
                            "is not in danger has no need to shoot in self-defence.\n\n"
                            "A robot lets you wait, talk, and push a phone or a camera into a "
                            "barricaded room. The same distance you are worried about could be "
                            "what lets a standoff end without anyone hurt."
                        ),
                        "replies": [
                            {
                                "author": "dr_ines_vale",
                                "stance": "challenge",
                                "body": (
                                    "Agreed, and that is the strongest argument for robots in "
                                    "standoffs. But notice that everything you listed is "
                                    "*non-force*: waiting, talking, delivering a phone. All of "
                                    "it fits inside the motion.\n\n"
                                    "The only question is whether the platform should also carry "
                                    "something that hurts people, and your own examples suggest "
                                    "the benefits don't depend on it."
                                ),
                                "replies": [
                                    {
                                        "author": "lt_renaud",
                                        "stance": "support",
                                        "body": _ROBOT_1111,
                                        "replies": [],
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "mira_okafor",
                "stance": "support",
                "body": (
                    "Add a procurement angle: if a robot *can* be fitted with a weapon, someone "
                    "will eventually ask to fit one. The motion should cover hardware as well as "
                    "use, with no weapon mounts or force payloads in police contracts.\n\n"
                    "That is easier to enforce than a usage policy. Groups like the "
                    "[EFF](https://www.eff.org) have written about how quickly these questions "
                    "move from hypothetical to a council agenda."
                ),
                "replies": [
                    {
                        "author": "kbauer_eng",
                        "stance": "challenge",
                        "body": (
                            "From the engineering side, banning weapon mounts is harder than it "
                            "sounds. A manipulator arm that can carry a disruptor to a bomb can "
                            "carry many other things, and you cannot design dual use out of a "
                            "general-purpose arm.\n\n"
                            "A usage policy with mandatory logging and independent review of "
                            "*every* deployment is probably more enforceable than a hardware "
                            "rule."
                        ),
                        "replies": [],
                    },
                ],
            },
        ],
    },
    {
        "title": "State hacking tools versus end-to-end encryption: is there a middle ground?",
        "author": "anaya_privlaw",
        "tags": ["cybersecurity", "encryption", "privacy", "law-enforcement", "milipol-2023"],
        "body": (
            "**Motion:** Governments should leave end-to-end encryption intact and rely on "
            "targeted, court-authorised device access instead of weakening encryption for "
            "everyone.\n\n"
            "Cybersecurity had a large presence at Milipol 2023, with firms demonstrating tools "
            "and techniques to defend against cyber threats. The same broad industry also "
            "supplies investigative tools that let states get into devices and communications, "
            "and that is where the privacy debate gets sharp.\n\n"
            "The policy argument usually offers two options: weaken encryption in messaging "
            "services (through backdoors or client-side scanning), or leave it alone and hack "
            "individual devices when a court approves. Supporters of the motion say targeted "
            "access is the lesser evil, because weakened encryption endangers everyone. Critics "
            "reply that device hacking relies on unpatched vulnerabilities that states then have "
            "an incentive to keep secret, and that targeted hacking is itself hard to "
            "oversee.\n\n"
            "**What would change your mind?** Is targeted hacking really the lesser evil?"
        ),
        "replies": [
            {
                "author": "kbauer_eng",
                "stance": "support",
                "body": (
                    "Support, from a security-engineering point of view. There is no way to "
                    "build an access mechanism that only works for the good guys. Any escrowed "
                    "key or scanning system becomes a target for criminals and foreign "
                    "intelligence services, and it sits inside software used by a huge share of "
                    "the population.\n\n"
                    "Targeted access at least confines the damage to the devices actually "
                    "targeted."
                ),
                "replies": [
                    {
                        "author": "mira_okafor",
                        "stance": "challenge",
                        "body": (
                            "'Confines the damage' depends on who gets targeted. The spyware "
                            "scandals of recent years involved journalists, lawyers and "
                            "opposition figures, sometimes under authorisations that looked fine "
                            "on paper.\n\n"
                            "Targeted hacking is only the lesser evil if the targeting is "
                            "genuinely controlled, and the track record there is not reassuring."
                        ),
                        "replies": [
                            {
                                "author": "anaya_privlaw",
                                "stance": "support",
                                "body": (
                                    "Which is why I'd attach conditions to the motion rather "
                                    "than abandon it:\n\n"
                                    "1. judicial authorisation for each target, never blanket "
                                    "warrants;\n"
                                    "2. notification of the target once the investigation "
                                    "closes;\n"
                                    "3. a vulnerability-handling process that leans towards "
                                    "disclosure;\n"
                                    "4. independent oversight with access to the actual "
                                    "deployments.\n\n"
                                    "None of this is exotic. Several democracies already have "
                                    "pieces of it."
                                ),
                                "replies": [
                                    {
                                        "author": "lt_renaud",
                                        "stance": "challenge",
                                        "body": _CRYPTO_1111,
                                        "replies": [
                                            {
                                                "author": "kbauer_eng",
                                                "stance": "challenge",
                                                "body": _CRYPTO_11111,
                                                "replies": [],
                                            },
                                        ],
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "tfisher_press",
                "stance": "challenge",
                "body": (
                    "Playing devil's advocate: the public hears 'end-to-end encryption' and "
                    "'targeted hacking' as abstractions, while investigators see cases they "
                    "cannot solve.\n\n"
                    "If the pro-encryption side wants this position to hold politically, it "
                    "needs a better answer than *no* when a serious case stalls. What does the "
                    "best realistic alternative look like: metadata, device seizure, undercover "
                    "work?"
                ),
                "replies": [],
            },
            {
                "author": "dr_ines_vale",
                "stance": None,
                "body": (
                    "**Moderator note:** The motion is about the *policy choice*, not about any "
                    "particular product. Please avoid naming specific tools or alleging which "
                    "governments use what unless you can point to a reputable public source.\n\n"
                    "For background on the EU side of this debate, the "
                    "[EDPB](https://edpb.europa.eu) has published opinions on proposals that "
                    "touch on scanning of private communications."
                ),
                "replies": [],
            },
        ],
    },
    {
        "title": "Should security trade shows be more transparent about what is sold, and to whom?",
        "author": "dr_ines_vale",
        "tags": ["milipol-2023", "ethics", "surveillance", "law-enforcement"],
        "body": (
            "**Motion:** Security trade shows should publish the categories of products on "
            "display and apply public due-diligence standards to who may attend and buy.\n\n"
            "Milipol 2023 brought together exhibitors, government officials and industry leaders "
            "from around the world, with everything from surveillance drones and AI facial "
            "recognition to cybersecurity tools and bomb-disposal robots. Attendees describe it "
            "as a genuine hub for networking and knowledge exchange.\n\n"
            "Supporters of the motion argue that technologies capable of tracking individuals "
            "are sold to governments with very different human-rights records, and that the "
            "public deserves to know what is marketed in its own capital. Opponents argue that "
            "shows already operate within export-control law, that exhibitors have legitimate "
            "commercial and operational reasons for discretion, and that pushing deals out of "
            "public venues would make them less visible, not more.\n\n"
            "**What would change your mind?** What level of transparency would be meaningful "
            "without being naive?"
        ),
        "replies": [
            {
                "author": "tfisher_press",
                "stance": "support",
                "body": (
                    "As someone who attended: most of what is *shown* is already public, in "
                    "brochures, demos and press releases. The opaque part is the buyer side: "
                    "delegations, private meetings and follow-up sales.\n\n"
                    "Publishing exhibitor categories would cost organisers very little. But "
                    "anything meaningful about sales would have to come from export licensing "
                    "data, not from the show itself."
                ),
                "replies": [
                    {
                        "author": "kbauer_eng",
                        "stance": "challenge",
                        "body": (
                            "I'd be careful about lumping everything together. Much of the floor "
                            "is firefighting kit, protective equipment, forensic tools and "
                            "training services.\n\n"
                            "A transparency regime that treats a rescue drone like an "
                            "interception system will bury the signal in paperwork. Focus on the "
                            "categories that actually enable tracking or identifying people."
                        ),
                        "replies": [
                            {
                                "author": "anaya_privlaw",
                                "stance": "support",
                                "body": (
                                    "Agreed, and that category already exists in law. The EU's "
                                    "dual-use export rules were updated to cover "
                                    "cyber-surveillance items, with human-rights considerations "
                                    "built into licensing decisions.\n\n"
                                    "The real gap is that licensing decisions are mostly "
                                    "reported in aggregate and after long delays. Better "
                                    "reporting there would do more than anything a trade show "
                                    "could publish."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "lt_renaud",
                "stance": "challenge",
                "body": (
                    "A practical objection: some attendees come from agencies whose buying plans "
                    "are themselves sensitive. Publishing who attended and what they looked at "
                    "would tell organised crime a great deal about capabilities.\n\n"
                    "Transparency should be about *what is legal to sell and to whom*, not a "
                    "running feed of procurement interest."
                ),
                "replies": [
                    {
                        "author": "mira_okafor",
                        "stance": "challenge",
                        "body": (
                            "Nobody serious is asking for a feed of who visited which stand. But "
                            "'sensitive' is often used to avoid embarrassment rather than to "
                            "protect operations.\n\n"
                            "Aggregate disclosure, such as which countries sent delegations and "
                            "which product categories were later licensed for export, tells "
                            "criminals nothing useful and tells the public a lot."
                        ),
                        "replies": [
                            {
                                "author": "dr_ines_vale",
                                "stance": None,
                                "body": (
                                    "Thanks, both; this is narrowing nicely. There seems to be "
                                    "rough agreement that:\n\n"
                                    "- stand-level visitor data is neither useful nor "
                                    "appropriate to publish;\n"
                                    "- aggregate export and licensing data is where transparency "
                                    "would actually matter.\n\n"
                                    "Does anyone disagree with that framing before we move on to "
                                    "*who* should collect and publish it?"
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
            },
        ],
    },
]
