require "sinatra/base"
require "json"

class Shop < Sinatra::Base
  enable :sessions
  set :session_secret, ENV.fetch("SESSION_SECRET")

  CATALOG = { "tea" => 450, "mug" => 1200, "kettle" => 3900 }.freeze

  get "/cart" do
    content_type :json
    cart = session[:cart] || []
    { items: cart, total: cart.sum { |sku| CATALOG.fetch(sku) } }.to_json
  end

  post "/cart/:sku" do
    halt 404 unless CATALOG.key?(params[:sku])
    (session[:cart] ||= []) << params[:sku]
    status 201
  end

  delete "/cart" do
    session.delete(:cart)
    status 204
  end
end
