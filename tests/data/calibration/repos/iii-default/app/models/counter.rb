class Counter < ApplicationRecord
  validates :name, presence: true, uniqueness: true
end
