"""Shifts and surprises: the positions nobody expected and the realignments, found in
the record without being told where to look.

- :mod:`~unvotes.shifts.scores`: the three views of how expected a position was, and
  its surprise in bits (pure NumPy);
- :mod:`~unvotes.shifts.surprises`: every position of the record scored, ranked, with
  plain-language reasons (``unvotes surprises``);
- :mod:`~unvotes.shifts.changepoints`: binary segmentation with a BIC penalty (pure
  NumPy);
- :mod:`~unvotes.shifts.detect`: change points in states' agreement with the majority
  and in pairs' agreement, with dates, confidence and driving votes (``unvotes shifts``);
- :mod:`~unvotes.shifts.evaluate`: recall and precision against documented realignments.
"""

from __future__ import annotations

from unvotes.shifts.detect import shifts, shifts_of_year, voting_days
from unvotes.shifts.surprises import score_record, surprises

__all__ = ["score_record", "shifts", "shifts_of_year", "surprises", "voting_days"]
