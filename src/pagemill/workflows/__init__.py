"""Workflows and their versions (Extend §B7): step graphs, the editable draft, deployed versions."""
