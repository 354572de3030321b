"""Models arrive with their issue; the app exists so URLs and templates have a home."""
