"""Threads and replies: starting, reading, replying to any depth, editing with history."""
