class CountersController < ApplicationController
  def index
    render json: Counter.order(:name)
  end

  def create
    render json: Counter.create!(name: params.require(:name)), status: :created
  end

  def update
    counter = Counter.find(params[:id])
    counter.increment!(:value)
    render json: counter
  end
end
