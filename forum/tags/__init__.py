"""Tags: topics that threads are filed under, each with a page, and following a tag."""
