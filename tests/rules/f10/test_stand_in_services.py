"""F10-S08: local stand-ins for backing services in development."""

from __future__ import annotations

from f10_data import DJANGO, PRODUCTION_RB, RUBY, params

from helpers import fired, lines


def test_s08_fires_for_a_local_memory_cache_in_development(tmp_path):
    files = {
        **DJANGO,
        "proj/settings/dev.py": "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}\n",
        "proj/settings/production.py": "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.redis.RedisCache'}}\n",
    }
    found = fired(tmp_path, files, "F10-S08")
    assert {("proj/settings/dev.py", 1), ("proj/settings/production.py", 1)} <= lines(found)
    assert [f.strength.value for f in found] == ["moderate"]


def test_s08_fires_for_eager_celery_and_weakly_for_console_mail(tmp_path):
    files = {
        **DJANGO,
        "proj/settings/dev.py": "CELERY_TASK_ALWAYS_EAGER = True\n"
        "EMAIL_BACKEND = 'django.core.mail.backends.console.EmailBackend'\n",
        "proj/settings/production.py": "DEBUG = False\nEMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'\n",
    }
    found = fired(tmp_path, files, "F10-S08")
    by_line = {(f.locations[0].path, f.locations[0].line): f.strength.value for f in found}
    assert by_line[("proj/settings/dev.py", 1)] == "moderate"
    assert by_line[("proj/settings/dev.py", 2)] == "weak"


def test_s08_is_silent_for_the_same_cache_everywhere_and_for_test_settings(tmp_path):
    files = {
        **DJANGO,
        "proj/settings/dev.py": "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.redis.RedisCache'}}\n",
        "proj/settings/production.py": "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.redis.RedisCache'}}\n",
        "proj/settings/test.py": "CELERY_TASK_ALWAYS_EAGER = True\n",
    }
    assert fired(tmp_path, files, "F10-S08") == []


def test_s08_rails_fires_for_memory_store_in_development_and_redis_in_production(tmp_path):
    files = {
        **RUBY,
        "config/environments/development.rb": "Rails.application.configure do\n  config.cache_store = :memory_store\nend\n",
        PRODUCTION_RB: 'Rails.application.configure do\n  config.cache_store = :redis_cache_store, { url: ENV["REDIS_URL"] }\nend\n',
    }
    found = fired(tmp_path, files, "F10-S08")
    assert lines(found) == {("config/environments/development.rb", 2), (PRODUCTION_RB, 2)}
    assert params(found, "dev_value") == [":memory_store"] and params(found, "prod_value") == [":redis_cache_store"]


def test_s08_rails_is_silent_when_development_uses_the_same_store(tmp_path):
    files = {
        **RUBY,
        "config/environments/development.rb": "Rails.application.configure do\n  config.cache_store = :redis_cache_store\nend\n",
        PRODUCTION_RB: "Rails.application.configure do\n  config.cache_store = :redis_cache_store\nend\n",
    }
    assert fired(tmp_path, files, "F10-S08") == []


def test_s08_rails_two_local_stores_of_one_file_are_one_adjustment(tmp_path):
    """Issue 12 item 1: the two branches of development.rb (`:memory_store` when caching is on,
    `:null_store` otherwise) ask for one action, written once."""
    from helpers import make_repo
    from twelve.locale import Catalog
    from twelve.pipeline import Options, assess
    from twelve.report.view import grouped_adjustments

    development = (
        "Rails.application.configure do\n  if Rails.root.join('tmp/caching-dev.txt').exist?\n"
        "    config.cache_store = :memory_store\n  else\n    config.cache_store = :null_store\n  end\nend\n"
    )
    files = {
        **RUBY,
        "config/environments/development.rb": development,
        PRODUCTION_RB: 'Rails.application.configure do\n  config.cache_store = :redis_cache_store, { url: ENV["REDIS_URL"] }\nend\n',
    }
    found = fired(tmp_path / "rule", files, "F10-S08")
    assert {("config/environments/development.rb", 3), ("config/environments/development.rb", 5)} <= lines(found)
    verdict = assess(str(make_repo(tmp_path / "repo", files)), Options()).main.verdict(10)
    for lang in ("en", "pt-BR"):
        wanted = [a for a in grouped_adjustments(Catalog(lang), verdict) if ":redis_cache_store" in a]
        assert len(wanted) == 1, wanted
        assert "(config/environments/development.rb)" in wanted[0]
