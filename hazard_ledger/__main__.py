from hazard_ledger.app import main

raise SystemExit(main())
