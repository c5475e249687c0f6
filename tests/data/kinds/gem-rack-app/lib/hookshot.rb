module Hookshot
  class App
    def call(env)
      [200, { "content-type" => "text/plain" }, ["ok"]]
    end
  end
end
