"""Privacy: what the forum keeps and why, a member's export, and deleting an account."""
