// `lc-indexer token create|list|revoke`: editor and admin tokens for the write API.
#include <iomanip>
#include <iostream>
#include <memory>

#include "catalog/store.h"
#include "cli/commands.h"
#include "cli/options.h"

namespace lc::cli {

namespace {

struct TokenOptions {
    std::string data;
    std::string name;
    std::string role = "editor";
};

int run_create(const TokenOptions& o) {
    auto role = parse_token_role(o.role);
    if (!role) throw Error("role must be editor or admin");
    Store store(o.data, Store::Mode::create_if_missing);
    std::string token = store.create_token(o.name, *role);
    std::cerr << "token '" << o.name << "' (" << o.role
              << ") created; it is shown once and only its hash is stored:\n";
    std::cout << token << "\n";
    return 0;
}

int run_list(const TokenOptions& o) {
    Store store(o.data, Store::Mode::must_exist);
    std::cout << std::left << std::setw(20) << "NAME" << std::setw(8) << "ROLE" << std::setw(26)
              << "CREATED" << std::setw(26) << "LAST USED"
              << "REVOKED\n";
    for (const auto& t : store.tokens())
        std::cout << std::setw(20) << t.name << std::setw(8) << to_string(t.role) << std::setw(26)
                  << t.created_at << std::setw(26)
                  << (t.last_used_at.empty() ? "-" : t.last_used_at)
                  << (t.revoked_at.empty() ? "-" : t.revoked_at) << "\n";
    return 0;
}

int run_revoke(const TokenOptions& o) {
    Store store(o.data, Store::Mode::must_exist);
    store.revoke_token(o.name);
    std::cout << "token '" << o.name << "' revoked\n";
    return 0;
}

}  // namespace

void register_token(CLI::App& app, Run& run) {
    auto* token = app.add_subcommand("token", "Manage editor tokens for the write API");
    token->require_subcommand(1);

    auto c = std::make_shared<TokenOptions>();
    auto* create = token->add_subcommand("create", "Create a token and print it once");
    create->add_option("--name", c->name, "Who the token is for")->required();
    create->add_option("--role", c->role, "editor or admin")
        ->check(CLI::IsMember({"editor", "admin"}));
    add_data_option(create, c->data);
    create->callback([&run, c] { run = [c] { return run_create(*c); }; });

    auto l = std::make_shared<TokenOptions>();
    auto* list = token->add_subcommand("list", "List tokens: names, roles, creation and last use");
    add_data_option(list, l->data);
    list->callback([&run, l] { run = [l] { return run_list(*l); }; });

    auto r = std::make_shared<TokenOptions>();
    auto* revoke = token->add_subcommand("revoke", "Revoke a token");
    revoke->add_option("name", r->name, "The token's name")->required();
    add_data_option(revoke, r->data);
    revoke->callback([&run, r] { run = [r] { return run_revoke(*r); }; });
}

}  // namespace lc::cli
