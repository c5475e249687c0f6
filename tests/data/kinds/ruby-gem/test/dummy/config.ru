require "tinygem"
run ->(env) { [200, {}, [Tinygem.shout("ok")]] }
