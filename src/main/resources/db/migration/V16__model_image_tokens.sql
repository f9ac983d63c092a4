-- The most input tokens one image part of a request can cost on this model: a remote image URL is
-- a few bytes of the body but hundreds of tokens, so the reservation counts each image at this.
ALTER TABLE model ADD COLUMN image_tokens INTEGER DEFAULT 2500 NOT NULL;
