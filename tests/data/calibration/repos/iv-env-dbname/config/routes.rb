Rails.application.routes.draw do
  resources :counters, only: %i[index create update]
  get "up" => proc { [200, {}, ["ok"]] }
end
