from pagemill.cli import main

raise SystemExit(main())
