"""The negotiation calendar: rounds, their deadlines, and the iCalendar feed."""
