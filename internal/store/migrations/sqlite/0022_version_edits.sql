-- 0022_version_edits: a version's sentence edits from the version it
-- follows, packed when it is appended (see versionEdits): the id of that
-- version as a varint, then diff.PackEdits of the two texts. Empty for
-- a first version, for a version stored before this column, and where
-- the edits could not be packed; an export then computes them.
ALTER TABLE versions ADD COLUMN edits BLOB NOT NULL DEFAULT x'';
