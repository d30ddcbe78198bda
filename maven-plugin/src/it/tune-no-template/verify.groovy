def log = new File(basedir, 'build.log').text
assert log.contains("No SAM template at ${new File(basedir, 'template.yaml').canonicalPath}. The coldbrew goals run the functions of a SAM template")
assert log.contains('-Dcoldbrew.template=path')
assert !(log =~ /(?m)^\s+at [\w.$]+\(/) : 'no stack trace'
assert !log.contains('Caused by')
