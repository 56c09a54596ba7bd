"""Saved processors (extractors, classifiers, splitters) with a draft and published versions (Extend §B4–B6).

One implementation serves the three kinds; a kind brings its names, id prefixes and config loader
(`kinds.py`).
"""
