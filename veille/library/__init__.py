"""The Maison's documentary resources: the catalogue (Dublin Core records and files),
bookmarks of web pages, exports, and the text of document files."""
