// Gives every existing bookmark a slug derived from its id.
module.exports = {
  async up(db) {
    const cursor = db.collection('bookmarks').find({ slug: { $exists: false } });
    for await (const doc of cursor) {
      await db.collection('bookmarks').updateOne({ _id: doc._id }, { $set: { slug: doc._id.toHexString().slice(-8) } });
    }
  },

  async down(db) {
    await db.collection('bookmarks').updateMany({}, { $unset: { slug: '' } });
  },
};
