class CreateCounters < ActiveRecord::Migration[7.1]
  def change
    create_table :counters do |t|
      t.string :name, null: false, index: { unique: true }
      t.integer :value, null: false, default: 0
      t.timestamps
    end
  end
end
