"""`tracker bench`: the command, its measurements and the page timings it runs in a child process."""
