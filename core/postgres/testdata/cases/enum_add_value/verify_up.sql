SELECT array_to_string(enum_range(NULL::mood), ',') = 'ecstatic,happy,meh,sad,angry,furious';
