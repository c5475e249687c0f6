Gem::Specification.new do |spec|
  spec.name = "tinygem"
  spec.version = "0.3.0"
  spec.summary = "Small helpers for strings"
  spec.files = Dir["lib/**/*.rb"]
  spec.add_dependency "i18n", "~> 1.14"
end
