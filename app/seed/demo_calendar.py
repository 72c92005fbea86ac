"""The concept note's calendar: the New York rounds of the intergovernmental negotiation of the
Global Compact and the RCM–SACM plenary in Montevideo (2018).

Each row: (name, place, time zone, first day, last day, meeting days when not every day). The
demo sets each round's deadline for amendments at 18:00, meeting time, a week before it opens.
"""

from datetime import date

NEW_YORK = ("United Nations Headquarters, New York", "America/New_York")

ROUNDS = [
    (
        "New York, 20, 22 and 23 February 2018",
        *NEW_YORK,
        date(2018, 2, 20),
        date(2018, 2, 23),
        [date(2018, 2, 20), date(2018, 2, 22), date(2018, 2, 23)],
    ),
    ("New York, 12–15 March 2018", *NEW_YORK, date(2018, 3, 12), date(2018, 3, 15), []),
    ("New York, 3–6 April 2018", *NEW_YORK, date(2018, 4, 3), date(2018, 4, 6), []),
    (
        "RCM–SACM plenary, Montevideo, 8–9 May 2018",
        "Montevideo",
        "America/Montevideo",
        date(2018, 5, 8),
        date(2018, 5, 9),
        [],
    ),
    ("New York, 14–18 May 2018", *NEW_YORK, date(2018, 5, 14), date(2018, 5, 18), []),
    ("New York, 4–8 June 2018", *NEW_YORK, date(2018, 6, 4), date(2018, 6, 8), []),
    ("New York, 9–13 July 2018", *NEW_YORK, date(2018, 7, 9), date(2018, 7, 13), []),
]
