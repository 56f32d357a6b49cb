SELECT (SELECT count(*) FROM published_posts) = 1 AND array_to_string(enum_range(NULL::post_status), ',') = 'draft,published,archived';
