"""III. Config — store config in the environment.

The factor asks that everything which varies between deploys (credentials, handles of backing
services, per-deploy values) be kept out of the code and read from environment variables, one
independent variable per setting rather than named groups of environments. Its litmus test:
could the codebase be made public right now without compromising any credential?

Modules (one rule concept each):

- ``committed_secret``: F03-S01 a real-looking secret in any tracked file.
- ``literal_credential``: F03-S02 a credential or deploy locator written in the app's code or
  settings (Python, Node.js, Go, Spring, Rails).
- ``baked_into_image``: F03-S07 deploy configuration baked into the image.
- ``deploy_descriptor_secret``: F03-S08 credentials written in compose files or deploy manifests.
- ``hard_coded_value``: F03-S09 a per-deploy switch or URL fixed in the code.
- ``environment_groups``: F03-S10 config grouped into named environments.
- ``environment_branch``: F03-S11 code that picks resources by the environment's name.
- ``env_file``: F03-S12 a `.env` with values in the repository.
- ``system_properties``: F03-S13 Java system properties as a config channel.
- ``encrypted_credentials``: F03-S14 config kept in Rails encrypted credentials.
- ``reads_environment``: F03-S15 settings read from environment variables (code, settings
  classes, Spring placeholders).
- ``fails_fast``: F03-S20 required settings without a default.
- ``handle_in_code``: F03-AP01 a backing service's handle written as a constant in the code.
- ``untracked_config``: F03-AP03 config kept in a language-specific file git ignores.
- ``documented_variables``: F03-S21 the variables documented without values.
- ``injected_config``: F03-S22 config injected per deploy (compose, CI, manifests).

The derivations they share (settings in code, secrets among them, what images, compose files and
manifests carry) live in ``twelve.appmodel.config``; the name patterns in ``twelve.knowledge.config``.
"""
