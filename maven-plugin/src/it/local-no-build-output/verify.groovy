def log = new File(basedir, 'build.log').text
assert log.contains("No build output for TinyFunction at ${new File(basedir, 'TinyFunction').canonicalPath}; run `make build` first. -> [Help 1]")
assert !(log =~ /(?m)^\s+at [\w.$]+\(/) : 'no stack trace'
assert !log.contains('Caused by')
