Gem::Specification.new do |spec|
  spec.name = "hookshot"
  spec.version = "0.1.0"
  spec.summary = "Receives webhooks"
  spec.add_dependency "rack", "~> 3.0"
  spec.add_dependency "puma", "~> 6.4"
end
