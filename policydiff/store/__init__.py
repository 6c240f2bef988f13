"""The only package that runs git (through GitPython). Imported only by commands that need git."""
