"""The message-draft coach's reading of a draft: what it is for, what in it
would hurt or backfire, and a calmer version in the person's own words.
The actions that use it live in actions/draft_coach.py."""
