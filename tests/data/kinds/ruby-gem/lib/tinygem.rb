module Tinygem
  def self.shout(text)
    text.upcase
  end
end
