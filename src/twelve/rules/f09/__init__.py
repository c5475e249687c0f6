"""IX. Disposability: processes start fast and shut down gracefully, so they can be started or
stopped at a moment's notice.

The factor asks every process to be disposable: to stop gracefully when the process manager sends
SIGTERM (a web process stops listening and finishes its requests, a worker finishes or gives back
its job), to be robust against sudden death, and to start in seconds. The rules follow each
process from its start command, reading the app model's answers to how it stops
(``twelve.appmodel.shutdown``):

- ``graceful_shutdown``: what stops each process gracefully on SIGTERM, in every stack
  (F09-S01), and servers nothing stops gracefully (F09-AP02);
- ``sigterm_ignored``: handlers and traps that ignore SIGTERM or exit at once (F09-S13);
- ``shutdown_switched_off``: Spring Boot's graceful shutdown switched off (F09-S16);
- ``signal_path``: whether SIGTERM reaches the app or stops at a shell or npm (F09-S06, F09-S07);
- ``cmd_ignored``: an ENTRYPOINT script that never runs the image's CMD (F09-S17);
- ``orchestrated_stop``: probes, preStop hooks and grace periods of the orchestrator (F09-S08);
- ``grace_period``: a grace period of zero, or shorter than the server's drain (F09-S15);
- ``acknowledgement``: jobs acknowledged after they run, or on receipt (F09-S09, F09-S12);
- ``main_loop``: loops outside any server that nothing stops on SIGTERM (F09-AP03);
- ``sessions_lost``: login sessions held in the process's memory, lost at every restart (F09-AP04);
- ``heavy_startup``: schema work, installs, sleeps and unbounded waits at every start (F09-S11);
- ``long_request_timeout``: requests allowed to run for minutes (F09-S14);
- ``no_start_command``: no start command to judge (F09-NE).
"""
