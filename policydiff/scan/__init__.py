"""Archive scale: classify every recorded change of a whole versions archive, as a dataset.

`policydiff scan SOURCE -o OUT` lists every consecutive pair of versions of every document in a git
repository or a folder of dated files (archive.py), runs each pair (work.py) in this process, a local
process pool or on a Dask cluster (runners.py), and appends the records (records.py, the
policydiff.scan/1 schema) to JSON Lines (jsonl.py) or a Parquet dataset (parquet.py). Pairs already
in OUT are skipped, so a run can be stopped and resumed, and a nightly run on a grown archive does
only the new pairs (engine.py). pyarrow and Dask are optional extras, imported only here.
"""
