"""Following and discovery: follow levels, the personal feed, unread tracking, notifications."""
