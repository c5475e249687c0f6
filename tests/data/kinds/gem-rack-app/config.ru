require_relative "lib/hookshot"
run Hookshot::App.new
