"""The consensus board: its queries and the history kept between writes."""
