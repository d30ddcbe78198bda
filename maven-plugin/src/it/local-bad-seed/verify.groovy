def log = new File(basedir, 'build.log').text
assert log.contains("coldbrew.seed=AppTable: 'AppTable' is not LogicalId=path.json")
assert !(log =~ /(?m)^\s+at [\w.$]+\(/) : 'no stack trace'
assert !log.contains('Caused by')
