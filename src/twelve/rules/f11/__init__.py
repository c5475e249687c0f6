"""XI. Logs: treat logs as event streams.

The factor asks each process to write its event stream, unbuffered, to stdout (stderr is captured
just as well), and never to write, rotate, route or store log files itself: the execution
environment captures, collates and routes the streams of all processes. The rules read the app
model's answer to where each process's log records go (``twelve.appmodel.logging``: handlers,
transports and appenders of every stack, logging dictionaries, servers' log flags and defaults,
framework defaults):

- ``log_file``: log records written to a file by the app, in every stack (F11-S01);
- ``stdout_logging``: the event stream goes to stdout/stderr, in every stack (F11-S10);
- ``log_rotation``: the app rotates or keeps its log files, or reserves a volume for them (F11-S06);
- ``log_routing``: the app ships its records to a destination it chooses (F11-S08);
- ``buffered_output``: Python output buffered in a container (F11-S09);
- ``no_logging_evidence``: nothing says where the stream goes (F11-NE, a closing rule).
"""
