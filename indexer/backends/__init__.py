"""Engine backends behind one contract (base.Backend); only modules in this package import an engine."""
