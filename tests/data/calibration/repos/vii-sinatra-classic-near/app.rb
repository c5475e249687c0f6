require "sinatra"
require "json"

set :bind, "0.0.0.0"
set :port, ENV.fetch("PORT", 4567)

get "/" do
  content_type :json
  { service: "dice", sides: [4, 6, 8, 10, 12, 20] }.to_json
end

get "/roll/:sides" do
  sides = Integer(params[:sides]) rescue halt(400, "sides must be a number")
  halt 400, "sides must be between 2 and 100" unless (2..100).cover?(sides)
  content_type :json
  { sides: sides, result: rand(1..sides) }.to_json
end
