"""The code that runs inside the sandbox, on hostile input.

Nothing here imports tipline (the sandbox shows the worker only this folder,
the Python environment and the system's read-only programs): standard library
and Pillow only, with relative imports so that it runs both as
``tipline.safecopy.inside`` and as the sandbox's top-level ``inside`` package.
"""
