"""massage-triage: relaxation or therapeutic massage, and when to see a doctor first."""

__version__ = "0.1.0"
