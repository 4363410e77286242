"""Pieces of pages that several pages show, such as one object's details."""
