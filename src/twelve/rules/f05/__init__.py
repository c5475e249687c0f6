"""V. Build, release, run: the build stage turns a commit into an artifact, the release stage
combines that artifact with a deploy's configuration under an identity of its own, and the run
stage starts processes from a release; code never changes at run time.

The rules read how the app is built and deployed (``twelve.appmodel.deploy``): CI steps that
build and roll out releases, the image references manifests deploy, build work in the image or
at start, development servers on the start path, and deploys documented by hand:

- ``tagged_build``: the pipeline builds one artifact per commit, tagged immutably (F05-S01);
- ``artifact_reference``: a release names its artifact immutably (F05-S02) or by a moving tag
  (F05-S10), in CI steps, platform descriptors and deploy manifests;
- ``build_work``: build work done while building the image (F05-S04) or at every start (F05-S08);
- ``release_identity``: version tags mark releases (F05-S06), or nothing gives releases an
  identity (F05-AP02);
- ``code_changed_on_target``: the deploy fetches and builds the code on the server (F05-S07);
- ``self_update``: the running app pulls new code into its own checkout (F05-AP01);
- ``dev_server``: a development server or reloader runs in production (F05-S09);
- ``per_environment_build``: a different artifact is built per environment (F05-S11);
- ``source_mount``: the source is mounted into a production container (F05-S12);
- ``no_deploy_definition``: nothing in the repository builds, releases or runs the app, or only a
  packaging definition does (F05-AP03).
"""
