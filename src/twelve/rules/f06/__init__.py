"""VI. Processes: the app runs as one or more stateless processes that share nothing.

What must outlive a request (sessions, uploads, records) lives in a backing service; a process's
memory and disk are a scratch space for the request at hand, gone with a restart and invisible to
the other copies. The rules read where the app keeps state (``twelve.appmodel.state``) and how
many copies the deploy runs (``twelve.appmodel.processes``).

Modules, one rule each:

- ``sticky_sessions`` (F06-S01): the load balancer pins clients to one process;
- ``sessions_in_process`` (F06-S02): sessions in the process's memory or disk (Node.js, Python, JVM, Ruby, Go);
- ``data_on_local_disk`` (F06-S06): uploads, files and SQLite databases on the local disk (Rails' ActiveStorage too);
- ``persistent_volume`` (F06-S07): a persistent volume on the app's containers (Docker, compose, Kubernetes, platforms);
- ``memory_state`` (F06-S08): module-level collections changed at run time;
- ``runtime_assets`` (F06-S09): assets compiled at run time into the process's disk;
- ``sessions_in_service`` (F06-S10): sessions in a backing service or a signed cookie;
- ``object_storage`` (F06-S11): files sent to object storage;
- ``read_only_root`` (F06-S12): a read-only root filesystem;
- ``replicas_without_affinity`` (F06-S13): several replicas and no affinity;
- ``random_secret`` (F06-S14): a signing key each process draws at random;
- ``no_local_state`` (F06-AP01, closing): none of the above against the factor was found.
"""
