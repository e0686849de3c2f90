"""The knowledge base: entities, classes, modalities and vendors with their sourced facts;
loading and checking it, the digest of its names and the quick scan for them, and its pages."""
