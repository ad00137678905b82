"""tipline: a secure anonymous tip line with case tracking.

Two web apps from one package: ``tipline.intake`` (public) and
``tipline.review`` (private), plus the ``tipline`` command (``tipline.cli``).
Everything people write is sealed with ``tipline.crypto`` (age v1).
"""

__version__ = "0.1.0"
