"""Inference-time text processing for `stance`: sentence splitting, the actor
gazetteer and mention detection (standard library + PyYAML only, fast to import)."""
