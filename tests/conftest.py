pytest_plugins = ["tests.server_fixtures", "tests.postgres_fixtures", "tests.s3_fixtures"]
