"""VIII. Concurrency: the app scales out through its process model.

Work is split into process types (web, worker, clock...) that the platform runs, multiplies,
restarts and stops; processes stay in the foreground, write no PID files and leave supervision
to the process manager. The rules read the app's declared formation and every command on its
start path (``twelve.appmodel.processes``), what serves HTTP (``twelve.appmodel.serving``) and
the state the app keeps in its processes (``twelve.appmodel.state``).

Modules, one rule each:

- ``process_types`` (F08-S01): process types declared (Procfile, compose, workloads of one image, platforms);
- ``scaling`` (F08-S02): the number of processes is a deploy setting (worker counts, replicas, autoscalers);
- ``worker_process`` (F08-S03): background work has its own process type;
- ``daemonizing`` (F08-S04): a process detaches from its parent;
- ``pid_files`` (F08-S05): a PID file is written;
- ``restart_loops`` (F08-S06): a shell loop restarts the app;
- ``scheduler_in_web`` (F08-S07): a scheduler runs inside the web process;
- ``supervisor_in_container`` (F08-S08): several processes under a supervisor in one container;
- ``singleton_replica`` (F08-S09): a workload pinned to one replica;
- ``local_state`` (F08-S10): state kept in the process (factor VI's strong findings) stops a second instance;
- ``no_formation`` (F08-AP02): no formation is declared (one process, or no start command at all).
"""
