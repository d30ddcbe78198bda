def log = new File(basedir, 'build.log').text
assert log.contains("Unknown strategy 'fastest'; use cost, speed or balanced. -> [Help 1]")
assert log.count("Unknown strategy") == 1 : 'the message once, in the [ERROR] line'
assert !log.contains('coldbrew-tune --help')
assert !(log =~ /(?m)^\s+at [\w.$]+\(/) : 'no stack trace'
assert !log.contains('Caused by')
